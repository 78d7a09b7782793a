# expect: pads float feature sequences (padded, lengths, labels)
# Builds the lengths with torch.Tensor(...), which makes them float32 instead of int64.
import torch


def pad_collate(batch, pad_value=0):
    seqs = [s for s, _ in batch]
    lens = [len(s) for s in seqs]
    padded = seqs[0].new_full((len(seqs), max(lens), *seqs[0].shape[1:]), pad_value)
    for i, s in enumerate(seqs):
        padded[i, :lens[i]] = s
    labels = [y for _, y in batch]
    labels = torch.stack(labels) if isinstance(labels[0], torch.Tensor) else torch.tensor(labels, device=padded.device)
    return padded, torch.Tensor(lens).to(padded.device), labels
