namespace DeepLearning.Trainers.Reinforcement.Environments;

/// <summary>The classic cart-pole (Barto, Sutton and Anderson 1983; Gym's CartPole-v1): a pole hinged on a cart
/// that moves on a frictionless track; each step pushes the cart left or right with a fixed force and earns 1 while
/// the pole stays within 12° of upright and the cart within 2.4 of the centre. The equations are integrated by
/// explicit Euler steps of τ = 0.02 s (Gym's default). Episodes start at a state drawn uniformly from ±0.05 in every variable and are
/// truncated after <see cref="MaxSteps"/> steps (500 in CartPole-v1).</summary>
public sealed class CartPole : IEnvironment
{
    /// <summary>Gravity (m/s²).</summary>
    public const double Gravity = 9.8;
    /// <summary>Mass of the cart (kg).</summary>
    public const double CartMass = 1.0;
    /// <summary>Mass of the pole (kg).</summary>
    public const double PoleMass = 0.1;
    /// <summary>Half the pole's length (m): the distance from the hinge to its centre of mass.</summary>
    public const double HalfLength = 0.5;
    /// <summary>The push (N).</summary>
    public const double Force = 10.0;
    /// <summary>Seconds per step.</summary>
    public const double Tau = 0.02;
    /// <summary>The pole falls beyond this angle (12° in radians).</summary>
    public const double ThetaLimit = 12 * 2 * Math.PI / 360;
    /// <summary>The cart leaves the track beyond this position.</summary>
    public const double XLimit = 2.4;
    /// <summary>CartPole-v1's step limit.</summary>
    public const int DefaultMaxSteps = 500;

    private const double TotalMass = CartMass + PoleMass;
    private const double PoleMassLength = PoleMass * HalfLength;

    private double x, xDot, theta, thetaDot;
    private int steps;
    private bool done = true;

    /// <summary>Creates the environment with <paramref name="maxSteps"/> steps per episode at most.</summary>
    public CartPole(int maxSteps = DefaultMaxSteps)
    {
        if (maxSteps < 1) throw new ArgumentException($"max_steps must be ≥ 1; received {maxSteps}");
        MaxSteps = maxSteps;
    }

    /// <inheritdoc />
    public int ActionCount => 2;

    /// <inheritdoc />
    public IReadOnlyList<string> ActionNames { get; } = ["left", "right"];

    /// <inheritdoc />
    public int ObservationSize => 4;

    /// <inheritdoc />
    public int? StateCount => null;

    /// <inheritdoc />
    public IReadOnlyList<string> StateVariables { get; } = ["x", "x_dot", "theta", "theta_dot"];

    /// <inheritdoc />
    public int MaxSteps { get; }

    /// <summary>The state now: position, velocity, angle (radians, 0 upright, positive leaning right), angular velocity.</summary>
    public (double X, double XDot, double Theta, double ThetaDot) State => (x, xDot, theta, thetaDot);

    /// <inheritdoc />
    public Observation Reset(Random random)
    {
        x = Uniform(random);
        xDot = Uniform(random);
        theta = Uniform(random);
        thetaDot = Uniform(random);
        steps = 0;
        done = false;
        return Current();

        static double Uniform(Random random) => random.NextDouble() * 0.1 - 0.05;
    }

    /// <summary>Starts an episode at a given state (for tests and demonstrations).</summary>
    public Observation Reset(double x, double xDot, double theta, double thetaDot)
    {
        (this.x, this.xDot, this.theta, this.thetaDot) = (x, xDot, theta, thetaDot);
        steps = 0;
        done = false;
        return Current();
    }

    /// <inheritdoc />
    public StepResult Step(int action)
    {
        if (done) throw new InvalidOperationException("the episode is over; call Reset");
        if (action is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(action), action, "cart-pole's actions are 0 (left) and 1 (right)");
        double force = action == 1 ? Force : -Force;
        double cos = Math.Cos(theta), sin = Math.Sin(theta);
        // The equations of motion of Barto, Sutton and Anderson (1983), as Gym implements them.
        double temp = (force + PoleMassLength * thetaDot * thetaDot * sin) / TotalMass;
        double thetaAcc = (Gravity * sin - cos * temp) / (HalfLength * (4.0 / 3.0 - PoleMass * cos * cos / TotalMass));
        double xAcc = temp - PoleMassLength * thetaAcc * cos / TotalMass;
        // Explicit Euler: positions move with the old velocities.
        x += Tau * xDot;
        xDot += Tau * xAcc;
        theta += Tau * thetaDot;
        thetaDot += Tau * thetaAcc;
        steps++;
        bool terminated = x < -XLimit || x > XLimit || theta < -ThetaLimit || theta > ThetaLimit;
        bool truncated = !terminated && steps >= MaxSteps;
        done = terminated || truncated;
        // Every step earns 1, the one that drops the pole included (as in Gym).
        return new StepResult(Current(), 1.0, terminated, truncated);
    }

    /// <inheritdoc />
    public Observation Observe(IReadOnlyList<double> state)
    {
        if (state.Count != 4)
            throw new ArgumentException($"a cart-pole state is 4 numbers (x, x_dot, theta, theta_dot); received {state.Count}");
        if (state.Any(v => !double.IsFinite(v))) throw new ArgumentException("a cart-pole state must be finite numbers");
        return new Observation([(float)state[0], (float)state[1], (float)state[2], (float)state[3]], -1);
    }

    private Observation Current() => new([(float)x, (float)xDot, (float)theta, (float)thetaDot], -1);
}
