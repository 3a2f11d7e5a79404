set -- -a -b val file
while getopts "ab:" opt; do echo "opt=$opt arg=${OPTARG:-}"; done
shift $((OPTIND-1))
echo "rest=$@"
