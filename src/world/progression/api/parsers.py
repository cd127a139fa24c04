"""The progression API's JSON parser (settings.REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]).

Kept apart from errors.py: DRF imports the parser classes while it builds APIView, before any
view module (and so errors.py) can be imported.
"""

from rest_framework import exceptions, parsers


class ProgressionJSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a body nested too deeply for Python's parser (`[[[[...]]]]`)
    refused as malformed JSON (400) instead of escaping as a RecursionError."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise exceptions.ParseError("JSON parse error - nested too deeply.") from error
