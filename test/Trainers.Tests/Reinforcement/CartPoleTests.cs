using DeepLearning.Trainers.Reinforcement.Environments;

namespace DeepLearning.Trainers.Tests.Reinforcement;

/// <summary>The cart-pole physics against values worked out by hand from Barto, Sutton and Anderson's equations
/// (as Gym's CartPole-v1 implements them), and its end conditions.</summary>
[TestClass]
public sealed class CartPoleTests
{
    [TestMethod]
    public void One_push_right_from_a_leaning_pole_matches_the_hand_computed_euler_step()
    {
        var cart = new CartPole();
        cart.Reset(0, 0, 0.05, 0);

        var step = cart.Step(1);

        // F = +10 N, θ = 0.05, θ̇ = 0; m = 1.1 kg, m_p·l = 0.05:
        // temp = (F + m_p l θ̇² sin θ) / m                          = 10 / 1.1                     = 9.0909090909
        // θ̈ = (g sin θ − cos θ · temp) / (l (4/3 − m_p cos²θ / m)) = (0.4897959 − 9.0795478) / 0.6213257 = −13.8248788
        // ẍ = temp − m_p l θ̈ cos θ / m                              = 9.0909091 + 0.6276183        = 9.7185273
        // Euler with τ = 0.02: x' = x + τẋ, ẋ' = ẋ + τẍ, θ' = θ + τθ̇, θ̇' = θ̇ + τθ̈.
        var (x, xDot, theta, thetaDot) = cart.State;
        Assert.AreEqual(0.0, x, 1e-12);
        Assert.AreEqual(0.194370546605301, xDot, 1e-12);
        Assert.AreEqual(0.05, theta, 1e-12);
        Assert.AreEqual(-0.2764975752871551, thetaDot, 1e-12);
        Assert.AreEqual(1.0, step.Reward);
        Assert.IsFalse(step.Done);
        CollectionAssert.AreEqual(new[] { 0f, 0.19437055f, 0.05f, -0.27649758f }, step.Next.Vector);
    }

    [TestMethod]
    public void A_push_left_from_a_moving_state_matches_the_hand_computed_step()
    {
        var cart = new CartPole();
        cart.Reset(0.1, -0.2, -0.03, 0.4);

        cart.Step(0);

        // temp = (−10 + 0.05·0.16·sin(−0.03)) / 1.1 = −9.0911272; θ̈ = 14.1537834; ẍ = −9.7341915.
        var (x, xDot, theta, thetaDot) = cart.State;
        Assert.AreEqual(0.1 + 0.02 * -0.2, x, 1e-12);
        Assert.AreEqual(-0.39468383084458636, xDot, 1e-12);
        Assert.AreEqual(-0.03 + 0.02 * 0.4, theta, 1e-12);
        Assert.AreEqual(0.683075667477099, thetaDot, 1e-12);
    }

    [TestMethod]
    public void The_episode_terminates_when_the_pole_passes_twelve_degrees()
    {
        var cart = new CartPole();
        // Just inside 12° and falling right: the next step carries it over.
        cart.Reset(0, 0, CartPole.ThetaLimit - 0.001, 1.0);

        var step = cart.Step(1);

        Assert.IsGreaterThan(CartPole.ThetaLimit, cart.State.Theta);
        Assert.IsTrue(step.Terminated);
        Assert.IsFalse(step.Truncated);
        Assert.AreEqual(1.0, step.Reward, "the step that drops the pole still earns 1, as in Gym");
        Assert.ThrowsExactly<InvalidOperationException>(() => cart.Step(0));
    }

    [TestMethod]
    public void The_episode_terminates_when_the_cart_leaves_the_track()
    {
        var cart = new CartPole();
        cart.Reset(-CartPole.XLimit + 0.001, -1.0, 0, 0);

        var step = cart.Step(0);

        Assert.IsLessThan(-CartPole.XLimit, cart.State.X);
        Assert.IsTrue(step.Terminated);
    }

    [TestMethod]
    public void Just_inside_twelve_degrees_and_two_point_four_the_episode_goes_on()
    {
        var cart = new CartPole();
        // Velocities 0: explicit Euler keeps x and θ where they are for one step; 12° = 0.20944 rad.
        cart.Reset(2.39, 0, 0.2094, 0);

        var step = cart.Step(1);

        Assert.AreEqual(2.39, cart.State.X, 1e-12);
        Assert.AreEqual(0.2094, cart.State.Theta, 1e-12);
        Assert.IsFalse(step.Done);
        Assert.AreEqual(500, cart.MaxSteps, "CartPole-v1's cap");
    }

    [TestMethod]
    public void An_episode_that_never_falls_is_truncated_at_500_steps()
    {
        // A pole that never falls: a policy that pushes against the lean (and against drift) keeps it up for good.
        var cart = new CartPole();
        cart.Reset(new Random(1));
        int steps = 0;
        StepResult step;
        do
        {
            var (x, xDot, theta, thetaDot) = cart.State;
            step = cart.Step(theta + 0.5 * thetaDot + 0.01 * x + 0.1 * xDot > 0 ? 1 : 0);
            steps++;
        }
        while (!step.Done);

        Assert.AreEqual(500, steps);
        Assert.IsTrue(step.Truncated, "the cap truncates");
        Assert.IsFalse(step.Terminated, "the pole did not fall");
    }

    [TestMethod]
    public void A_shorter_cap_truncates_there()
    {
        var cart = new CartPole(maxSteps: 3);
        cart.Reset(0, 0, 0, 0);

        Assert.IsFalse(cart.Step(0).Done);
        Assert.IsFalse(cart.Step(1).Done);
        Assert.IsTrue(cart.Step(0).Truncated);
    }

    [TestMethod]
    public void Reset_draws_every_variable_uniformly_within_five_hundredths_and_a_seed_repeats_it()
    {
        var cart = new CartPole();
        var random = new Random(7);
        var all = Enumerable.Range(0, 1000).SelectMany(_ => cart.Reset(random).Vector).ToArray();

        Assert.IsTrue(all.All(v => v is >= -0.05f and < 0.05f));
        Assert.IsLessThan(-0.049f, all.Min());
        Assert.IsGreaterThan(0.049f, all.Max());
        CollectionAssert.AreEqual(new CartPole().Reset(new Random(3)).Vector, new CartPole().Reset(new Random(3)).Vector);
    }

    [TestMethod]
    public void Observe_takes_four_finite_numbers()
    {
        var cart = new CartPole();

        CollectionAssert.AreEqual(new[] { 0.1f, 0f, 0.02f, 0f }, cart.Observe([0.1, 0, 0.02, 0]).Vector);
        Assert.Contains("4 numbers", Assert.ThrowsExactly<ArgumentException>(() => cart.Observe([0.1, 0])).Message);
        Assert.ThrowsExactly<ArgumentException>(() => cart.Observe([double.NaN, 0, 0, 0]));
    }
}
