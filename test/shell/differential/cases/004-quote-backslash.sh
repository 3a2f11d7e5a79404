echo a\ b \$HOME \"x\" c\\d
