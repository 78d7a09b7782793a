# expect: pads float feature sequences (padded, lengths, labels)
# Sorts the batch longest first (an old pack_padded_sequence habit), so rows no longer match batch[i].
import torch


def pad_collate(batch, pad_value=0):
    batch = sorted(batch, key=lambda item: item[0].shape[0], reverse=True)
    seqs = [s for s, _ in batch]
    lens = [s.shape[0] for s in seqs]
    padded = seqs[0].new_full((len(seqs), lens[0], *seqs[0].shape[1:]), pad_value)
    for i, s in enumerate(seqs):
        padded[i, :lens[i]] = s
    labels = [y for _, y in batch]
    labels = torch.stack(labels) if isinstance(labels[0], torch.Tensor) else torch.tensor(labels, device=padded.device)
    return padded, torch.tensor(lens, dtype=torch.int64, device=padded.device), labels
