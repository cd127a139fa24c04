"""Pure rules of the progression system: functions of their arguments, no queries.

Nothing here imports from the app's models, selectors, services or faces.
"""
