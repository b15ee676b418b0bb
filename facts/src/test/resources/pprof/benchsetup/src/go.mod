module example.com/benchsetup

go 1.22
