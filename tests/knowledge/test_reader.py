"""The late-interaction reader: a paraphrase reads closer than a passage on the same topic."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from knowledge.embedder import Embedder, Tokens
from knowledge.reader import Reader, maxsim, passage_text

# (question, the passage that answers it in other words, a passage on the same topic that
# does not answer it). Written for this test, in the way employees and help pages put things.
CASES = [
    ("my laptop screen stays black after I open the lid",
     passage_text("Display does not wake", "After sleep",
                  "If the display remains dark when you lift the lid, hold the power button "
                  "for ten seconds and start the computer again."),
     passage_text("Laptop battery", "Charging",
                  "Charge the laptop overnight and keep the battery between 20 and 80 percent.")),
    ("can't get into my work email on my phone any more",
     passage_text("Mail on mobile devices", "Sign-in keeps failing",
                  "When the mail app on a smartphone stops signing in, remove the account from "
                  "the app and add it again with your company address."),
     passage_text("Email signatures", "Changing your signature",
                  "To change the signature under your messages, open the mail options and "
                  "choose Signatures.")),
    ("how do I get a second monitor for my desk",
     passage_text("Ordering extra screens", "Requesting hardware",
                  "Request an additional display through the hardware catalogue; your manager "
                  "approves the order and it is delivered to your desk."),
     passage_text("Monitor flickers", "Cables",
                  "If the monitor flickers, reseat the cable or try another port on the dock.")),
    ("a colleague must look after my inbox while I am on holiday",
     passage_text("Delegating mailbox access", "Before you go away",
                  "Give a coworker permission to read and answer your mail while you are out "
                  "of the office by adding them as a delegate."),
     passage_text("Automatic replies", "Out of office",
                  "Turn on automatic replies so that senders know when you will be back.")),
]


@pytest.mark.parametrize(("question", "answers", "topical"), CASES)
def test_a_paraphrase_reads_closer_than_a_topical_passage(
    embedder: Embedder, question: str, answers: str, topical: str
) -> None:
    right, near = Reader(embedder).scores(question, [answers, topical])
    assert right > near


@pytest.mark.parametrize(
    ("question", "passage", "expected"),
    [
        (np.eye(3, dtype=np.float32)[:2], np.eye(3, dtype=np.float32), 1.0),  # every word found
        (np.eye(3, dtype=np.float32)[:2], np.eye(3, dtype=np.float32)[:1], 0.5),  # half found
        (np.zeros((0, 3), dtype=np.float32), np.eye(3, dtype=np.float32), 0.0),  # no words
        (np.eye(3, dtype=np.float32), np.zeros((0, 3), dtype=np.float32), 0.0),  # no passage
    ],
)
def test_maxsim_is_the_mean_best_match_of_the_question_words(
    question: np.ndarray, passage: np.ndarray, expected: float
) -> None:
    assert maxsim(question, passage) == pytest.approx(expected)


class CountingEmbedder(Embedder):
    def __init__(self) -> None:
        super().__init__()
        self.passages_read = 0

    def embed_tokens(self, texts: Sequence[str]) -> list[Tokens]:
        self.passages_read += len(texts)
        return super().embed_tokens(texts)


def test_a_passage_is_read_once_and_an_edited_one_again() -> None:
    counting = CountingEmbedder()
    reader = Reader(counting)
    counting.embed_queries(["vpn drops"])  # the question's tokens come with its vector
    reader.scores("vpn drops", ["VPN\nReconnect the VPN.", "Wi-Fi\nForget the network."])
    assert counting.passages_read == 2
    first = reader.scores("vpn drops", ["VPN\nReconnect the VPN."])
    assert counting.passages_read == 2  # cached: no model pass for it, nor for the question
    edited = reader.scores("vpn drops", ["VPN\nReconnect the VPN, then restart the laptop."])
    assert counting.passages_read == 3 and edited != first


def test_question_tokens_come_from_the_pass_that_embedded_it(embedder: Embedder) -> None:
    embedder.embed_queries(["printer jams on every page"])
    pieces, vectors = embedder.query_tokens("printer jams on every page")
    assert pieces[0] == "[CLS]" and "printer" in pieces
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
