#version 330 core
// The loupe: its texture in a circle with a rim.
uniform sampler2D u_texture;
uniform vec4 u_rim;  // colour of the loupe's rim
in vec2 v_uv;
in vec2 v_corner;
out vec4 colour;

void main() {
    float r = length(v_corner - vec2(0.5)) * 2.0;
    if (r > 1.0) discard;
    colour = r > 0.97 ? u_rim : texture(u_texture, v_uv);
}
