"""Every way a scene action can be refused; each message is one line a player can read."""

from world.errors import GameError


class SceneError(GameError):
    code = "scene_error"

    def default_message(self) -> str:
        return "That scene action cannot be done."


class NoOpenSceneError(SceneError):
    code = "no_open_scene"

    def default_message(self) -> str:
        return "There is no open scene here. Type 'scene/start [name]' to open one."


class SceneAlreadyOpenError(SceneError):
    code = "scene_already_open"


class NotSceneParticipantError(SceneError):
    code = "not_scene_participant"


class NotSceneGMError(SceneError):
    code = "not_scene_gm"


class UnknownTraitError(SceneError):
    code = "unknown_trait"


class InvalidCheckError(SceneError):
    code = "invalid_check"
