[[ -z $nothing ]] && echo empty
[[ $nothing == "" ]] && echo eq-empty
