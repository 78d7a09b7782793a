"""The :class:`Store`: one class for the whole progress database, assembled from one mixin per
concern. Each mixin's module names the tables it writes:

=========================  ===============================================================
module                     tables
=========================  ===============================================================
:mod:`.connection`         none: opening, checks, migrations, transactions, backups
:mod:`.fits`               ``fsrs_scheduler``, ``fsrs_fits``
:mod:`.recalls`            ``recalls``
:mod:`.reviews`            ``cards``, ``reviews``
:mod:`.katas`              ``kata_attempts``, ``kata_cards``
:mod:`.mocks`              ``mock_sessions``, ``mock_items``
:mod:`.settings`           ``settings``
:mod:`.maintenance`        every progress table: export rows, integrity check, erase
=========================  ===============================================================
"""

from __future__ import annotations

from quizapp.store.katas import KatasMixin
from quizapp.store.maintenance import MaintenanceMixin
from quizapp.store.mocks import MocksMixin
from quizapp.store.reviews import ReviewsMixin
from quizapp.store.settings import SettingsMixin


class Store(ReviewsMixin, KatasMixin, MocksMixin, SettingsMixin, MaintenanceMixin):
    """A connection to the progress database. Use :meth:`open`; close it (or use ``with``).

    One Store may be shared by threads (a TUI worker records a grade while the UI reads):
    calls are serialised by a lock.
    """
