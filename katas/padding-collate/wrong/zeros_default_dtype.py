# expect: keeps float64 and float16 sequences in their dtype
# Allocates the padded batch with torch.full(...) and no dtype: always float32 (int tokens turn into floats too).
import torch


def pad_collate(batch, pad_value=0):
    seqs = [s for s, _ in batch]
    lens = [s.shape[0] for s in seqs]
    padded = torch.full((len(seqs), max(lens), *seqs[0].shape[1:]), float(pad_value), device=seqs[0].device)
    for i, s in enumerate(seqs):
        padded[i, :lens[i]] = s
    labels = [y for _, y in batch]
    labels = torch.stack(labels) if isinstance(labels[0], torch.Tensor) else torch.tensor(labels, device=padded.device)
    return padded, torch.tensor(lens, dtype=torch.int64, device=padded.device), labels
