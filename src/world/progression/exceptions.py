"""Every way a progression action can be refused, one type each.

Messages are written for players: commands print them as they are and the API returns them as
`detail`. `code` is the stable machine name the API returns beside it.
"""

from world.errors import GameError


class ProgressionError(GameError):
    code = "progression_error"

    def default_message(self) -> str:
        return "That progression action cannot be done."


class InvalidAmountError(ProgressionError, ValueError):
    code = "invalid_amount"

    def default_message(self) -> str:
        return "The amount must be a positive whole number."


class InsufficientXPError(ProgressionError):
    code = "insufficient_xp"

    def __init__(self, message: str = "", *, need: int = 0, have: int = 0):
        super().__init__(
            message or f"Insufficient XP (need {need}, have {have}).", need=need, have=have
        )
        self.need, self.have = need, have


class InsufficientKudosError(ProgressionError):
    code = "insufficient_kudos"

    def __init__(self, message: str = "", *, need: int = 0, have: int = 0):
        super().__init__(
            message or f"Insufficient kudos (need {need}, have {have}).", need=need, have=have
        )
        self.need, self.have = need, have


class InactiveCategoryError(ProgressionError):
    code = "inactive_category"

    def default_message(self) -> str:
        return "That kudos category is not active."


class StaffOnlyCategoryError(ProgressionError):
    code = "staff_only_category"

    def default_message(self) -> str:
        return "Only staff can award kudos in that category."


class SelfAwardError(ProgressionError):
    code = "self_award"

    def default_message(self) -> str:
        return "You cannot award kudos to yourself."


class AwardLimitError(ProgressionError):
    code = "award_limit"

    def default_message(self) -> str:
        return "You have given all the kudos you can this week."


class AlreadyConvertedError(ProgressionError):
    code = "already_converted"

    def default_message(self) -> str:
        return "This character's creation points were already converted to XP."


class AlreadyUnlockedError(ProgressionError):
    code = "already_unlocked"

    def default_message(self) -> str:
        return "Already unlocked."


class RequirementsNotMetError(ProgressionError):
    code = "requirements_not_met"

    def __init__(self, message: str = "", *, failed: list[str] | None = None):
        failed = failed or []
        super().__init__(message or "Requirements not met: " + "; ".join(failed), failed=failed)
        self.failed = failed


class InvalidUnlockError(ProgressionError):
    """The unlock exists but is not the next step for this character (wrong level, refunded)."""

    code = "invalid_unlock"


class UnknownUnlockError(ProgressionError):
    """No such unlock as far as this character may know: it does not exist, or it is a level of
    a hidden class the character has no level in. Both are answered alike (the API's 404 body),
    so a hidden class is never disclosed."""

    code = "not_found"

    def default_message(self) -> str:
        return "Not found."


class UnknownPlayerError(ProgressionError):
    """An action between players with an account the alt rule cannot tell apart from the other
    (no email, and staff have not confirmed it as a player of its own)."""

    code = "unknown_player"


class NotForSaleError(ProgressionError):
    """The unlock exists but is not sold to players: no active price (a hidden class is an
    UnknownUnlockError to those without it)."""

    code = "not_for_sale"

    def default_message(self) -> str:
        return "That is not for sale."


class NoOwningAccountError(ProgressionError):
    code = "no_owning_account"

    def default_message(self) -> str:
        return "This character has no owning account to draw XP from."


class InvalidPathError(ProgressionError):
    code = "invalid_path"


class IdempotencyConflictError(ProgressionError):
    """An idempotency key was reused for a different action."""

    code = "idempotency_conflict"

    def default_message(self) -> str:
        return "That idempotency key was already used for a different action."


class InvalidSceneAwardError(ProgressionError):
    """A scene's awards name a trait that does not exist, a character who was not in the scene,
    or an amount that is not a positive whole number; nothing of the batch is awarded."""

    code = "invalid_scene_award"

    def default_message(self) -> str:
        return "Those scene awards are not valid; nothing was awarded."


class NotTheirCharacterError(ProgressionError):
    """A character named with an account's kudos or XP is not one of that account's characters
    (another account's character, a room, any other object)."""

    code = "not_their_character"

    def default_message(self) -> str:
        return "That is not one of this account's characters."


class RewardRequestClosedError(ProgressionError):
    """A kudos reward request was already delivered or cancelled."""

    code = "reward_request_closed"

    def default_message(self) -> str:
        return "That reward request is already closed."


class UnknownAchievementError(ProgressionError):
    """No achievement the game defines (ACHIEVEMENT_CONTRIB_MODULES) has that key or name."""

    code = "unknown_achievement"

    def default_message(self) -> str:
        return "The game has no such achievement."


class AchievementStateError(ProgressionError):
    """A grant of an achievement the character has, or a revocation of one it has not."""

    code = "achievement_state"

    def default_message(self) -> str:
        return "That achievement is already as asked."


class NotStaffError(ProgressionError):
    code = "not_staff"

    def default_message(self) -> str:
        return "Only staff can do that."


class UnknownApprovalRequestError(ProgressionError):
    code = "not_found"

    def default_message(self) -> str:
        return "There is no such approval request."


class ApprovalRequestClosedError(ProgressionError):
    """The request was already approved, rejected or expired: nothing more can be decided."""

    code = "approval_request_closed"

    def default_message(self) -> str:
        return "That request was already decided."


class ApprovalRequestExpiredError(ApprovalRequestClosedError):
    """The request's time ran out before a second staff member approved it."""

    code = "approval_request_expired"

    def default_message(self) -> str:
        return "That request has expired; ask again if the move is still wanted."


class SameStaffError(ProgressionError):
    """The approver is the requester, or the requester's player by the alt rule, or the player
    whose numbers the request moves: the second pair of eyes must be someone else's."""

    code = "same_staff"

    def default_message(self) -> str:
        return "You asked for this; another staff member must approve it."
