from django.apps import AppConfig


class ScenesConfig(AppConfig):
    name = "world.scenes"
    label = "scenes"
    verbose_name = "Scenes"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Scene
        from .room_cache import forget_scene_room

        # A scene changed or deleted outside the services (the admin) must not leave a room
        # recording poses into it from its cache.
        post_save.connect(forget_scene_room, sender=Scene, dispatch_uid="scenes_forget_saved")
        post_delete.connect(forget_scene_room, sender=Scene, dispatch_uid="scenes_forget_deleted")
