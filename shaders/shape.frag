#version 330 core
in vec4 v_colour;
out vec4 colour;

void main() { colour = v_colour; }
