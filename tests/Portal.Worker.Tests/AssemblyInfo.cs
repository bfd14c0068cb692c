// Training runs share libtorch's global generator (a scratch model's initial weights are drawn from it) and two
// cores; run one at a time so that "the same run gives the same losses" holds and each test stays quick.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
