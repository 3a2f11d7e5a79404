echo if then fi do done case esac
