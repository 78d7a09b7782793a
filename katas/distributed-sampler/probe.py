"""Runs in the submission's process: ask one rank, or every rank, for its shard."""


def one_shard(submission, n, num_replicas, rank, **options):
    return submission.shard_indices(n, num_replicas, rank, **options)


def all_shards(submission, n, num_replicas, **options):
    return [submission.shard_indices(n, num_replicas, rank, **options) for rank in range(num_replicas)]
