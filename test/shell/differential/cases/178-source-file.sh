echo 'SOURCED=yes; sf() { echo in sourced; }' > lib.sh
source lib.sh
echo $SOURCED
sf
. ./lib.sh
