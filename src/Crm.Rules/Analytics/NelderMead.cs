namespace Crm.Rules.Analytics;

/// <summary>The outcome of a minimisation: the point, the value there, the iterations used and whether it converged.</summary>
internal readonly record struct Minimum(double[] Point, double Value, int Iterations, bool Converged);

/// <summary>
/// A small derivative-free minimiser (Nelder &amp; Mead 1965, with the standard coefficients 1, 2, ½, ½) for the few
/// parameters of the customer-base models; fitted on log-parameters so every point it tries is a valid model.
/// Deterministic: the same start gives the same steps.
/// </summary>
internal static class NelderMead
{
    public static Minimum Minimise(Func<double[], double> f, double[] start, double step = 0.5, double tolerance = 1e-10, int maximumIterations = 10_000)
    {
        var n = start.Length;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        simplex[0] = (double[])start.Clone();
        for (var i = 0; i < n; i++)
        {
            simplex[i + 1] = (double[])start.Clone();
            simplex[i + 1][i] += step;
        }

        for (var i = 0; i <= n; i++)
        {
            values[i] = Value(f, simplex[i]);
        }

        var order = new int[n + 1];
        for (var iteration = 1; iteration <= maximumIterations; iteration++)
        {
            for (var i = 0; i <= n; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (x, y) => values[x].CompareTo(values[y]));
            int best = order[0], worst = order[n], secondWorst = order[n - 1];

            // Converged when the values at the simplex's corners agree to the tolerance, relative to their size.
            if (Math.Abs(values[worst] - values[best]) <= tolerance * (Math.Abs(values[best]) + tolerance))
            {
                return new Minimum(simplex[best], values[best], iteration, Converged: true);
            }

            var centroid = new double[n];
            foreach (var index in order[..n])
            {
                for (var j = 0; j < n; j++)
                {
                    centroid[j] += simplex[index][j] / n;
                }
            }

            var reflected = Towards(centroid, simplex[worst], -1);
            var reflectedValue = Value(f, reflected);
            if (reflectedValue < values[best])
            {
                var expanded = Towards(centroid, simplex[worst], -2);
                var expandedValue = Value(f, expanded);
                (simplex[worst], values[worst]) = expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue);
            }
            else if (reflectedValue < values[secondWorst])
            {
                (simplex[worst], values[worst]) = (reflected, reflectedValue);
            }
            else
            {
                var contracted = reflectedValue < values[worst]
                    ? Towards(centroid, simplex[worst], -0.5)
                    : Towards(centroid, simplex[worst], 0.5);
                var contractedValue = Value(f, contracted);
                if (contractedValue < Math.Min(reflectedValue, values[worst]))
                {
                    (simplex[worst], values[worst]) = (contracted, contractedValue);
                }
                else
                {
                    // Shrink every corner halfway towards the best one.
                    for (var i = 0; i <= n; i++)
                    {
                        if (i != best)
                        {
                            simplex[i] = Towards(simplex[best], simplex[i], 0.5);
                            values[i] = Value(f, simplex[i]);
                        }
                    }
                }
            }
        }

        var last = Array.IndexOf(values, values.Min());
        return new Minimum(simplex[last], values[last], maximumIterations, Converged: false);
    }

    // centroid + coefficient · (point − centroid): −1 reflects, −2 expands, ±½ contracts.
    private static double[] Towards(double[] centroid, double[] point, double coefficient)
    {
        var result = new double[centroid.Length];
        for (var j = 0; j < result.Length; j++)
        {
            result[j] = centroid[j] + coefficient * (point[j] - centroid[j]);
        }

        return result;
    }

    // A point where the function is not defined is never chosen.
    private static double Value(Func<double[], double> f, double[] point)
    {
        var value = f(point);
        return double.IsNaN(value) ? double.PositiveInfinity : value;
    }
}
