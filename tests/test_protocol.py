"""The wire protocol between the grader and the submission's process: what one side encodes the
other decodes, through the real result stream, loaded with torch's safe loader."""

from __future__ import annotations

import io

import torch

from grader import protocol
from grader.protocol import TensorValue


def round_trip(records):
    stream = io.BytesIO()
    for record in records:
        protocol.write_record(stream, torch, record)
    return protocol.read_records(torch, stream.getvalue())


def test_values_survive_encoding_the_stream_and_decoding():
    base = torch.arange(12.0).reshape(3, 4)
    value = {"out": base.t(), "pair": (1, 2.5), "names": ["a", None], "dtype": torch.float16,
             "size": torch.Size([2, 3]), "nested": {"k": [base[0], True]}, 3: "int key"}
    (record,) = round_trip([{"kind": "task", "id": 1, "value": protocol.encode(torch, value)}])
    back = protocol.decode(record["value"], torch)
    assert isinstance(back["out"], TensorValue)
    assert torch.equal(back["out"].tensor, base.t())
    assert back["out"].meta["stride"] == [1, 4] and back["out"].meta["shape"] == [4, 3]
    assert back["pair"] == (1, 2.5) and back["names"] == ["a", None]
    assert back["dtype"] is torch.float16 and back["size"] == (2, 3)
    assert torch.equal(back["nested"]["k"][0].tensor, base[0]) and back["nested"]["k"][1] is True
    assert back[3] == "int key"
    assert protocol.plain(back)["out"].shape == (4, 3)


def test_what_the_process_says_about_a_tensor_comes_along():
    leaf = torch.nn.Parameter(torch.ones(2))
    view = torch.zeros(4, 4)[:, 1]
    encoded = protocol.encode(torch, {"leaf": leaf, "view": view, "meta": torch.empty(2, device="meta"),
                                      "graph": leaf * 2})
    back = protocol.decode(round_trip([{"kind": "task", "v": encoded}])[0]["v"], torch)
    assert back["leaf"].meta["parameter"] and back["leaf"].meta["requires_grad"]
    assert back["view"].meta["stride"] == [4] and back["view"].meta["storage_offset"] == 1
    assert back["meta"].tensor is None and back["meta"].meta["device"] == "meta"
    assert back["graph"].meta["grad_fn"] == "MulBackward0"


def test_a_torn_or_forged_stream_keeps_the_whole_records_only():
    stream = io.BytesIO()
    protocol.write_record(stream, torch, {"kind": "import", "ok": True})
    whole = stream.getvalue()
    assert [r["kind"] for r in protocol.read_records(torch, whole + whole[:20])] == ["import"]
    forged = whole + len(b"junk").to_bytes(8, "little") + b"junk"
    records = protocol.read_records(torch, forged)
    assert records[0]["kind"] == "import" and records[1]["kind"] == "broken"


def test_an_object_that_cannot_travel_is_described_not_sent():
    class Odd:
        def __repr__(self):
            return "<odd>"

    assert protocol.encode(torch, Odd()) == {"__object__": "Odd", "repr": "<odd>"}


def test_jobs_and_leaf_names():
    payload = protocol.call_payload("f", [torch.ones(1)], {}, grad=[0])
    buffer = protocol.job_bytes(torch, [payload])
    assert protocol.loads(torch, buffer)["tasks"][0]["target"] == "f"
    named = protocol.leaves([torch.ones(1)], torch.nn.Linear(1, 1))
    assert list(named) == ["arg0", "param:weight", "param:bias"]
    assert protocol.leaf_label("param:weight") == "parameter weight gradient"
    assert protocol.leaf_label("arg1") == "input 1 gradient"


def test_structure_summary_on_both_sides():
    layer = torch.nn.Linear(3, 2)
    layer.register_buffer("steps", torch.zeros(()))
    full = protocol.structure_summary(torch, layer, ["bias"])
    keys = protocol.structure_summary(torch, layer, ["bias"], values=False)
    assert full["parameters"]["weight"]["shape"] == [2, 3] and "steps" in full["buffers"]
    assert set(full["state_dict"]) == set(keys["state_dict"]) == {"weight", "bias", "steps"}
    assert keys["attributes"]["bias"]["parameter"] is True


def test_batched_records_come_back_one_by_one_and_a_torn_batch_loses_only_itself():
    stream = io.BytesIO()
    writer = protocol.RecordWriter(stream, torch, interval_s=3600)
    writer.add({"kind": "import", "ok": True}, flush=True)
    for i in range(3):
        writer.add({"kind": "task", "id": i + 1, "value": protocol.encode(torch, torch.ones(2) * i)})
    writer.flush()
    data = stream.getvalue()
    assert [r.get("id") for r in protocol.read_records(torch, data)] == [None, 1, 2, 3]
    assert [r["kind"] for r in protocol.read_records(torch, data[:-5])] == ["import"]


def test_the_codec_keeps_types_and_refuses_what_it_cannot_send():
    value = {"t": (1, [2, (3,)]), "odd keys": {1: "a", "__tuple__": "b"}, "dtype": torch.bfloat16,
             "x": torch.arange(6, dtype=torch.int16).reshape(2, 3).t(), "b": torch.tensor(True),
             "h": torch.ones(2, dtype=torch.bfloat16), "empty": torch.empty(0, 3), "nan": float("nan")}
    back = protocol.loads(torch, protocol.dumps(torch, value))
    assert back["t"] == (1, [2, (3,)]) and back["odd keys"] == {1: "a", "__tuple__": "b"}
    assert back["dtype"] is torch.bfloat16 and back["b"].dtype is torch.bool and back["b"].item()
    assert torch.equal(back["x"], value["x"]) and back["h"].dtype is torch.bfloat16
    assert back["empty"].shape == (0, 3) and back["nan"] != back["nan"]
    import pytest

    with pytest.raises(TypeError):
        protocol.dumps(torch, {"f": len})
    with pytest.raises(ValueError):
        protocol.loads(torch, b"\x05\x00\x00\x00\x00\x00\x00\x00{bad}")


def test_inputs_keep_their_layout_across_the_codec():
    """Non-contiguous, transposed and expanded inputs reach the submission as they are (a kata's
    edge case in its hard layout), and a size-1 dim with an odd stride travels too."""
    base = torch.arange(24.0).reshape(2, 3, 4)
    cases = {"t": base.transpose(1, 2), "slice": base[:, :, ::2], "expand": torch.ones(3, 1).expand(3, 5),
             "narrow": torch.arange(12.0).reshape(3, 4)[:, :1], "odd": torch.ones(4, 2)[:, :1].t()}
    back = protocol.loads(torch, protocol.dumps(torch, cases))
    for name, t in cases.items():
        assert torch.equal(back[name], t), name
        assert back[name].stride() == t.stride() and back[name].is_contiguous() == t.is_contiguous(), name
