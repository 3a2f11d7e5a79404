for x in apple banana cherry 42 ""; do
  case "$x" in
    a*) echo "A: $x";;
    b*|c*) echo "BC: $x";;
    [0-9]*) echo "num";;
    "") echo empty;;
  esac
done
