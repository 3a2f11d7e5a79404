printf '[%s]\n' "$(printf 'a\nb')"
