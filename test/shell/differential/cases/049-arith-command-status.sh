((0)); echo $?
((5)); echo $?
let x=3*4; echo $x $?
let y=0; echo $?
