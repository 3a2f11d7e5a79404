set -x
(echo sub)
echo $(echo cmdsub)
