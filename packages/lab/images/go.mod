module todo-deploy.dev/lab/images

go 1.24
