mkdir x
cd x
pwd | sed "s#$HOME#~#"
