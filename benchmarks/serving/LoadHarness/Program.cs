using Churn.Experiments.Serving;
using Churn.Tests.Experiments.Serving;

// serving-load-harness [--host H] [--port P] [--quiet]: PredictionHost over the fake predictor.
var options = HostOptions.Parse(args, out var rest);
if (rest.Count > 0)
{
    Console.Error.WriteLine($"unknown arguments: {string.Join(' ', rest)}");
    return 2;
}
return await PredictionHost.RunAsync(new FakeChurnPredictor(), options);
