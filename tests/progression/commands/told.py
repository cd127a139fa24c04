"""What Evennia sent a test session: the harness's sessions write to a Mock `data_out`."""

import evennia


def sent_to(session) -> list[str]:
    """The text Evennia sent `session`, in order, colour codes left in."""
    sent = []
    for call in evennia.SESSION_HANDLER.data_out.call_args_list:
        if call.args[0] is session and "text" in call.kwargs:
            text = call.kwargs["text"]
            sent.append(text[0][0] if isinstance(text, tuple) else text)
    return sent


def packages_sent_to(session, name: str = "char_progression") -> list[dict]:
    """The out-of-band `name` packages (GMCP Char.Progression) Evennia sent `session`, in
    order."""
    return [
        call.kwargs[name]
        for call in evennia.SESSION_HANDLER.data_out.call_args_list
        if call.args[0] is session and name in call.kwargs
    ]
