# expect: pads float feature sequences (padded, lengths, labels)
# Returns the labels as the Python list it collected instead of one (B,) tensor.
import torch


def pad_collate(batch, pad_value=0):
    seqs = [s for s, _ in batch]
    lens = [s.shape[0] for s in seqs]
    padded = seqs[0].new_full((len(seqs), max(lens), *seqs[0].shape[1:]), pad_value)
    for i, s in enumerate(seqs):
        padded[i, :lens[i]] = s
    labels = [y for _, y in batch]
    return padded, torch.tensor(lens, dtype=torch.int64, device=padded.device), labels
