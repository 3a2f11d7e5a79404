false | true; echo $?
true | false; echo $?
false | true | false; echo ${PIPESTATUS[@]}
