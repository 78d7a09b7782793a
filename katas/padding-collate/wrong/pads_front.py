# expect: pads float feature sequences (padded, lengths, labels)
# Left-pads: each sequence is copied to the end of its row, the padding comes first.
import torch


def pad_collate(batch, pad_value=0):
    seqs = [s for s, _ in batch]
    lens = [s.shape[0] for s in seqs]
    max_len = max(lens)
    padded = seqs[0].new_full((len(seqs), max_len, *seqs[0].shape[1:]), pad_value)
    for i, s in enumerate(seqs):
        padded[i, max_len - lens[i]:] = s
    labels = [y for _, y in batch]
    labels = torch.stack(labels) if isinstance(labels[0], torch.Tensor) else torch.tensor(labels, device=padded.device)
    return padded, torch.tensor(lens, dtype=torch.int64, device=padded.device), labels
