"""Runs in the submission's process: collate a batch, then report the batch as it is afterwards."""


def collate_and_report(submission, batch, **kwargs):
    submission.pad_collate(batch, **kwargs)
    return [tuple(item) for item in batch]
