case 'b c' in 'a b'|'b c') echo matched;; esac
