module example.com/t5

go 1.22
