set -u
echo "${undefined_thing:-fallback}"
echo ${#@}
