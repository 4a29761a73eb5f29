"""Baidu's Senta sentiment network (Senta 1.0.3 on PyPI, Apache-2.0), run by our torch code.

The `Senta` wheel ships a pretrained character-level BiLSTM (`Senta/infer_model`, PaddlePaddle's
files) and its character list (`Senta/conf/word_dict.txt`); the package itself needs PaddlePaddle
1.5, which we do not install. `SentaNet.from_package` reads those files and `SentaNet` computes
what Senta's `bilstm_net` computes (`Senta/nets.py`), checked against the outputs Senta's README
prints. Its training data is Baidu's and is not published with it.

The network: each character's 128-d embedding; a forward LSTM with peepholes (PaddlePaddle's
`dynamic_lstm`: gates ordered candidate, input, forget, output; peepholes on input, forget and
output) whose last state is taken; the same for the sequence read backwards, but Senta takes that
LSTM's output at the last position, which it computes first, from the last character alone (so its
recurrent weights never matter and are not kept); both states → 96 tanh units → two softmax
classes, of which we keep the difference of the two logits (the logit of P(positive)).
"""

import struct
from collections.abc import Sequence
from pathlib import Path

import torch

PACKAGE, VERSION = "Senta", "1.0.3"
HIDDEN, MAX_CHARS, BATCH = 128, 256, 2048
# Our name for each tensor → Senta's file in infer_model (the layers in the order nets.py makes them).
FILES = {"embedding": "embedding_0.w_0",
         "forward_in_w": "fc_0.w_0", "forward_in_b": "fc_0.b_0",
         "backward_in_w": "fc_1.w_0", "backward_in_b": "fc_1.b_0",
         "forward_w": "lstm_0.w_0", "forward_b": "lstm_0.b_0", "backward_b": "lstm_1.b_0",
         "hidden_w": "fc_2.w_0", "hidden_b": "fc_2.b_0", "out_w": "fc_3.w_0", "out_b": "fc_3.b_0"}


class SentaNet:
    def __init__(self, characters: str, tensors: dict[str, torch.Tensor]) -> None:
        self.characters = characters
        self.ids = {char: index for index, char in enumerate(characters.split("\n"))}
        self.unknown = len(self.ids)   # Senta's own quirk: one past its "<unk>" entry
        t = {key: value.float().reshape(-1) if key.endswith("_b") else value.float()   # biases: 1×n in Paddle
             for key, value in tensors.items()}
        self.tensors = t
        h = HIDDEN
        # The input projections are linear in the embedding: one row per character, worked out once.
        embedding = t["embedding"]
        self.forward_rows = embedding @ t["forward_in_w"] + t["forward_in_b"] + t["forward_b"][:4 * h]
        self.backward_rows = embedding @ t["backward_in_w"] + t["backward_in_b"] + t["backward_b"][:4 * h]
        self.peep_in_forget = t["forward_b"][4 * h:6 * h]
        self.peep_out, self.backward_peep_out = t["forward_b"][6 * h:], t["backward_b"][6 * h:]

    @classmethod
    def from_package(cls, folder: Path) -> "SentaNet":
        """From an installed (or unpacked) `Senta` package folder."""
        lines = (folder / "conf" / "word_dict.txt").read_text(encoding="utf-8").splitlines()
        characters = [*dict.fromkeys(line.strip() for line in lines), "<unk>"]   # first of repeats, in order
        tensors = {key: read_paddle_tensor(folder / "infer_model" / name) for key, name in FILES.items()}
        return cls("\n".join(characters), tensors)

    def state(self) -> dict:
        """What we ship: the character list and the tensors as float16."""
        return {"characters": self.characters,
                **{key: value.half() for key, value in self.tensors.items()}}

    @classmethod
    def from_state(cls, state: dict) -> "SentaNet":
        return cls(state["characters"], {key: value for key, value in state.items() if key != "characters"})

    @torch.inference_mode()
    def text_logits(self, texts: Sequence[str]) -> torch.Tensor:
        """logit P(positive) per text (an empty one is read as one unknown character); texts of
        similar length are run together."""
        ids = [[self.ids.get(char, self.unknown) for char in text[:MAX_CHARS]] or [self.unknown]
               for text in texts]
        order = sorted(range(len(ids)), key=lambda index: len(ids[index]))
        logits = torch.empty(len(ids))
        for start in range(0, len(order), BATCH):
            chunk = order[start:start + BATCH]
            logits[chunk] = self._run([ids[index] for index in chunk])
        return logits

    def _run(self, sequences: list[list[int]]) -> torch.Tensor:
        """Sequences sorted by length, shortest first: at each step only those not yet ended (the
        tail of the batch) are advanced, so a short clause costs its own length, not the longest's."""
        h, count = HIDDEN, len(sequences)
        lengths = [len(sequence) for sequence in sequences]
        padded = torch.zeros(count, lengths[-1], dtype=torch.long)
        for row, sequence in enumerate(sequences):
            padded[row, :len(sequence)] = torch.tensor(sequence)
        state, cell = torch.zeros(count, h), torch.zeros(count, h)
        recurrent, begin = self.tensors["forward_w"], 0
        for step in range(lengths[-1]):
            while lengths[begin] <= step:
                begin += 1
            live = cell[begin:]
            gates = torch.addmm(self.forward_rows[padded[begin:, step]], state[begin:], recurrent)
            in_forget = torch.sigmoid(gates[:, h:3 * h] + self.peep_in_forget * live.repeat(1, 2))
            live = in_forget[:, h:] * live + in_forget[:, :h] * torch.tanh(gates[:, :h])
            cell[begin:] = live
            state[begin:] = torch.sigmoid(gates[:, 3 * h:] + self.peep_out * live) * torch.tanh(live)
        last = torch.tensor(lengths) - 1
        gates = self.backward_rows[padded[torch.arange(count), last]]   # one step from a zero state
        cell_back = torch.sigmoid(gates[:, h:2 * h]) * torch.tanh(gates[:, :h])
        back = torch.sigmoid(gates[:, 3 * h:] + self.backward_peep_out * cell_back) * torch.tanh(cell_back)
        t = self.tensors
        hidden = torch.tanh(torch.cat([state, back], 1) @ t["hidden_w"] + t["hidden_b"])
        two = hidden @ t["out_w"] + t["out_b"]
        return two[:, 1] - two[:, 0]


def read_paddle_tensor(path: Path) -> torch.Tensor:
    """A PaddlePaddle 1.x saved float32 tensor: version, LoD levels, version, a TensorDesc
    protobuf (data type, dims), then the raw little-endian values."""
    raw = path.read_bytes()
    position = 4
    (levels,) = struct.unpack_from("<Q", raw, position)
    position += 8
    for _ in range(levels):
        (size,) = struct.unpack_from("<Q", raw, position)
        position += 8 + size
    position += 4
    (described,) = struct.unpack_from("<i", raw, position)
    position += 4
    dims, kind = _tensor_desc(raw[position:position + described])
    position += described
    if kind != 5:   # FP32
        raise ValueError(f"{path}: data type {kind}, expected float32 (5)")
    values = torch.frombuffer(bytearray(raw[position:]), dtype=torch.float32)
    if values.numel() != int(torch.tensor(dims).prod()):
        raise ValueError(f"{path}: {values.numel()} values for dims {dims}")
    return values.reshape(dims).clone()


def _tensor_desc(message: bytes) -> tuple[list[int], int]:
    dims, kind, index = [], -1, 0
    while index < len(message):
        key = message[index]
        index += 1
        value, shift = 0, 0
        while True:
            byte = message[index]
            index += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        if key >> 3 == 1:
            kind = value
        elif key >> 3 == 2:
            dims.append(value)
    return dims, kind
