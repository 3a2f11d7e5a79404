set -- -z
getopts 'ab' opt; echo "$opt $?"
set -- -b
OPTIND=1
getopts 'b:' opt; echo "$opt"
