module example.com/hotasm

go 1.21
