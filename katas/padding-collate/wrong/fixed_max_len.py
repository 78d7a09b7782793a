# expect: pads float feature sequences (padded, lengths, labels)
# Pads every batch to a fixed MAX_LEN from the config instead of the batch's own longest sequence.
import torch

MAX_LEN = 16


def pad_collate(batch, pad_value=0):
    seqs = [s for s, _ in batch]
    lens = [s.shape[0] for s in seqs]
    padded = seqs[0].new_full((len(seqs), MAX_LEN, *seqs[0].shape[1:]), pad_value)
    for i, s in enumerate(seqs):
        padded[i, :lens[i]] = s[:MAX_LEN]
    labels = [y for _, y in batch]
    labels = torch.stack(labels) if isinstance(labels[0], torch.Tensor) else torch.tensor(labels, device=padded.device)
    return padded, torch.tensor(lens, dtype=torch.int64, device=padded.device), labels
