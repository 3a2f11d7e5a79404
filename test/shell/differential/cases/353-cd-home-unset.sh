(unset HOME; cd; echo $?)
