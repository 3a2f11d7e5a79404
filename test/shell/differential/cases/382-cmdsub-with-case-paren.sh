r=$(case 1 in (1) echo one;; esac)
echo $r
