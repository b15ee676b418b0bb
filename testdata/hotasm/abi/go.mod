module example.com/hotabi

go 1.22
