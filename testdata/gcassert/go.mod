module example.com/gcfix

go 1.22
