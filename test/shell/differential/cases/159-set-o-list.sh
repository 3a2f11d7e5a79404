set -o | grep -E "^(errexit|nounset|pipefail|xtrace)"
set -euo pipefail
set -o | grep -E "^(errexit|nounset|pipefail|xtrace)"
