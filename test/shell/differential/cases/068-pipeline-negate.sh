! false; echo $?
! true | false; echo $?
