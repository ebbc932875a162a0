"""The page's Content-Security-Policy names no other host: every source is the app's own, inline or data."""

from webui.csp import POLICY, csp_meta, policy


def test_the_policy_falls_back_to_self_and_names_no_other_host():
    assert POLICY["default-src"] == ("'self'",) and policy().startswith("default-src 'self'; ")
    sources = {s for values in POLICY.values() for s in values}
    assert sources <= {"'self'", "'none'", "'unsafe-inline'", "'unsafe-eval'", "data:", "blob:"}, sources
    assert POLICY["frame-src"] == POLICY["object-src"] == ("'none'",)


def test_the_meta_tag_carries_the_policy_quoted_for_html():
    assert csp_meta() == f'<meta http-equiv="Content-Security-Policy" content="{policy().replace(chr(39), "&#x27;")}">'
