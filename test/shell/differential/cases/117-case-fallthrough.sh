case a in
  a) echo one;&
  b) echo two;;
  c) echo three;;
esac
case x in
  x) echo X;;&
  *) echo star;;
esac
