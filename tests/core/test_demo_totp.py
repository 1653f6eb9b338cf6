import pyotp
from django.core.management import call_command

from revmentor.programs.demo import DEMO_TOTP_SECRET


def test_demo_totp_prints_the_code_the_sign_in_accepts(capsys):
    call_command("demo_totp")
    code = capsys.readouterr().out.split()[0]
    assert pyotp.TOTP(DEMO_TOTP_SECRET).verify(code, valid_window=1)
