namespace DeepLearning.Trainers.Reinforcement.Agents;

/// <summary>Experience replay: the last <see cref="Capacity"/> transitions in a ring, sampled uniformly, so updates
/// see decorrelated experience rather than the last few steps.</summary>
internal sealed class ReplayBuffer(int capacity, int width)
{
    private readonly float[] states = new float[capacity * width];
    private readonly float[] nexts = new float[capacity * width];
    private readonly long[] actions = new long[capacity];
    private readonly float[] rewards = new float[capacity];
    private readonly float[] terminal = new float[capacity];
    private int next;

    public int Capacity => capacity;

    public int Count { get; private set; }

    public void Add(float[] state, int action, double reward, float[] nextState, bool terminated)
    {
        Array.Copy(state, 0, states, next * width, width);
        Array.Copy(nextState, 0, nexts, next * width, width);
        actions[next] = action;
        rewards[next] = (float)reward;
        terminal[next] = terminated ? 1f : 0f;
        next = (next + 1) % capacity;
        Count = Math.Min(Count + 1, capacity);
    }

    /// <summary>A uniform sample of <paramref name="size"/> transitions (with replacement), as flat arrays.</summary>
    public (float[] States, long[] Actions, float[] Rewards, float[] Nexts, float[] Terminal) Sample(int size, Random random)
    {
        var s = new float[size * width];
        var n = new float[size * width];
        var a = new long[size];
        var r = new float[size];
        var t = new float[size];
        for (int i = 0; i < size; i++)
        {
            int j = random.Next(Count);
            Array.Copy(states, j * width, s, i * width, width);
            Array.Copy(nexts, j * width, n, i * width, width);
            a[i] = actions[j];
            r[i] = rewards[j];
            t[i] = terminal[j];
        }
        return (s, a, r, n, t);
    }
}
