module example.com/nm

go 1.23
