"""Schemathesis hooks of tests/e2e/api-fuzz.test.ts: every request carries the token its route's security asks for."""

import os

import schemathesis


@schemathesis.auth(refresh_interval=None)
class TokenOfTheRoute:
    """A staff token in every group for routes staff may call; the portal channel's token for channel-only routes; none for open routes."""

    def get(self, case, context):
        return {"staffToken": os.environ["FUZZ_STAFF_TOKEN"], "channelToken": os.environ["FUZZ_CHANNEL_TOKEN"]}

    def set(self, case, data, context):
        schemes = {name for requirement in case.operation.definition.raw.get("security", []) for name in requirement}
        if not schemes:
            return
        scheme = "staffToken" if "staffToken" in schemes else "channelToken"
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data[scheme]}"
