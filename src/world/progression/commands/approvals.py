"""The staff command `approve`: the large staff moves waiting for a second staff member, and
approving or rejecting one."""

from __future__ import annotations

import re

from django.utils import timezone

from ..rules.approvals import hours_left
from ..selectors.approvals import waiting_staff_requests
from ..services.approvals import (
    approve_staff_request,
    expire_staff_requests,
    reject_staff_request,
)
from .base import CommandInputError, ProgressionCommand, echo, shown

REQUEST_NUMBER = re.compile(r"#?([0-9]{1,12})", re.ASCII)
# The waiting list shows this many, oldest first.
SHOWN_REQUESTS = 20


class CmdApprove(ProgressionCommand):
    """
    Approve or reject the large staff moves waiting for a second staff member.

    Usage:
      approve
      approve <number>
      approve/reject <number> = <reason>

    Switches:
      reject - turn a request down (the one who asked can withdraw their own
               this way); the reason is kept on the request

    A staff award, correction or refund larger than its pool's threshold
    (PROGRESSION_APPROVAL_THRESHOLDS) does not post: it waits as a request
    until another staff member approves it. That must be someone else: not
    the one who asked, not their alt, not the player it pays. Approving
    posts it at once; a request not approved within
    PROGRESSION_APPROVAL_HOURS expires. With no number, lists the waiting
    requests.
    """

    key = "approve"
    switch_options = ("reject",)
    usage = "Usage: approve [<number>]  or  approve/reject <number> = <reason>"

    def run(self):
        if not self.is_staff():
            raise CommandInputError("Only staff can use approve.")
        if "reject" in self.switches:
            self.reject()
        elif self.args.strip():
            request = approve_staff_request(
                request_id=self.request_number(self.args), approver=self.player_account
            )
            self.msg(f"|gApproved request #{request.pk}: {shown(request.summary)}|n")
        else:
            self.waiting()

    def request_number(self, text: str) -> int:
        match = REQUEST_NUMBER.fullmatch((text or "").strip())
        if match is None:
            raise CommandInputError(f"'{echo(text)}' is not a request number, e.g. 'approve 12'.")
        return int(match.group(1))

    def reject(self):
        if self.rhs is None or not self.rhs.strip():
            raise CommandInputError("Usage: approve/reject <number> = <reason>")
        request = reject_staff_request(
            request_id=self.request_number(self.lhs), staff=self.player_account, reason=self.rhs
        )
        self.msg(f"Rejected request #{request.pk}: {shown(request.summary)}")

    def waiting(self):
        expire_staff_requests()
        now = timezone.now()
        requests = list(waiting_staff_requests(now=now)[: SHOWN_REQUESTS + 1])
        if not requests:
            self.msg("No staff moves are waiting for approval.")
            return
        table = self.table("#", "Asked by", "What", "Expires")
        for request in requests[:SHOWN_REQUESTS]:
            asker = request.requested_by.key if request.requested_by else "(gone)"
            table.add_row(
                str(request.pk),
                asker,
                shown(request.summary),
                f"in {hours_left(request.expires_at, now)} h",
            )
        lines = [self.header("Waiting for a second staff member"), str(table)]
        if len(requests) > SHOWN_REQUESTS:
            lines.append(f"Only the oldest {SHOWN_REQUESTS} are shown; the admin lists them all.")
        lines.append("Approve one with 'approve <number>', or 'approve/reject <number> = why'.")
        self.msg("\n".join(lines))


__all__ = ["CmdApprove"]
